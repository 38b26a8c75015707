import { Fragment, useMemo, type ReactNode } from "react";
import { splitMentions } from "@planpulse/validators/domain";
import { parseMarkdown, type BlockNode, type InlineNode } from "./markdown-parse";

export { parseMarkdown, safeHref } from "./markdown-parse";
export type { BlockNode, InlineNode } from "./markdown-parse";

/** rel for every link a member wrote; target is never set (links open where the reader chooses). */
export const MEMBER_LINK_REL = "nofollow ugc noopener";

/** Where an @mention links to; only handles the server resolved to an active member become links. */
export function mentionHref(handle: string): string {
  return `/members/${encodeURIComponent(handle)}`;
}

type Mentions = ReadonlySet<string> | null;

/** Text with its @mentions of known members as links; every other character stays text. */
function renderText(text: string, mentions: Mentions): ReactNode {
  if (!mentions || mentions.size === 0 || !text.includes("@")) return text;
  return splitMentions(text).map((segment, index) =>
    segment.type === "mention" && mentions.has(segment.handle) ? (
      <a key={index} className="mention" href={mentionHref(segment.handle)}>
        {segment.text}
      </a>
    ) : (
      <Fragment key={index}>{segment.text}</Fragment>
    ),
  );
}

function renderInline(nodes: InlineNode[], mentions: Mentions): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return <Fragment key={index}>{renderText(node.text, mentions)}</Fragment>;
      case "break":
        return <br key={index} />;
      case "em":
        return <em key={index}>{renderInline(node.children, mentions)}</em>;
      case "strong":
        return <strong key={index}>{renderInline(node.children, mentions)}</strong>;
      case "link":
        // A link's label is already a link: no mention inside it.
        return (
          <a key={index} href={node.href} rel={MEMBER_LINK_REL}>
            {renderInline(node.children, null)}
          </a>
        );
    }
  });
}

function renderBlocks(blocks: BlockNode[], mentions: Mentions): ReactNode[] {
  return blocks.map((block, index) => {
    switch (block.type) {
      case "paragraph":
        return <p key={index}>{renderInline(block.children, mentions)}</p>;
      case "quote":
        return <blockquote key={index}>{renderBlocks(block.children, mentions)}</blockquote>;
      case "list": {
        const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item, mentions)}</li>);
        return block.ordered ? (
          <ol key={index} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={index}>{items}</ul>
        );
      }
    }
  });
}

/**
 * React elements for a member's markdown; every character they wrote reaches the page as text.
 * `mentions`: the handles this comment mentioned that belong to active members (from the server).
 */
export function renderMarkdown(source: string, mentions?: readonly string[]): ReactNode {
  return renderBlocks(parseMarkdown(source), mentions && mentions.length > 0 ? new Set(mentions) : null);
}

export function Markdown({ source, className, mentions }: { source: string; className?: string; mentions?: readonly string[] }) {
  const key = mentions?.join(" ") ?? "";
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the mentions' contents
  const content = useMemo(() => renderMarkdown(source, mentions), [source, key]);
  return <div className={className ?? "markdown"}>{content}</div>;
}
