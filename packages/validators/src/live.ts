import { z } from "zod";
import { LIVE_QUEUES } from "./domain/live";
import { SlugSchema } from "./plan";

export const LiveObjectiveSchema = z.object({ slug: SlugSchema });
export const LiveQueueSchema = z.object({ queue: z.enum(LIVE_QUEUES, { error: "Choose moderation or responses" }) });
