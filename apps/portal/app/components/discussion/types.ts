import type { RouterOutputs } from "@planpulse/api";

export type CommentPage = RouterOutputs["comment"]["list"];
export type ThreadCommentView = CommentPage["comments"][number];
export type CommentView = ThreadCommentView["replies"][number];
export type HighlightSegment = RouterOutputs["search"]["plan"]["objectives"][number]["highlight"][number];
