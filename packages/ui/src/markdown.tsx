import { Fragment, useMemo, type ReactNode } from "react";
import { parseMarkdown, type BlockNode, type InlineNode } from "./markdown-parse";

export { parseMarkdown, safeHref } from "./markdown-parse";
export type { BlockNode, InlineNode } from "./markdown-parse";

/** rel for every link a member wrote; target is never set (links open where the reader chooses). */
export const MEMBER_LINK_REL = "nofollow ugc noopener";

function renderInline(nodes: InlineNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return <Fragment key={index}>{node.text}</Fragment>;
      case "break":
        return <br key={index} />;
      case "em":
        return <em key={index}>{renderInline(node.children)}</em>;
      case "strong":
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case "link":
        return (
          <a key={index} href={node.href} rel={MEMBER_LINK_REL}>
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

function renderBlocks(blocks: BlockNode[]): ReactNode[] {
  return blocks.map((block, index) => {
    switch (block.type) {
      case "paragraph":
        return <p key={index}>{renderInline(block.children)}</p>;
      case "quote":
        return <blockquote key={index}>{renderBlocks(block.children)}</blockquote>;
      case "list": {
        const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item)}</li>);
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

/** React elements for a member's markdown; every character they wrote reaches the page as text. */
export function renderMarkdown(source: string): ReactNode {
  return renderBlocks(parseMarkdown(source));
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  const content = useMemo(() => renderMarkdown(source), [source]);
  return <div className={className ?? "markdown"}>{content}</div>;
}
