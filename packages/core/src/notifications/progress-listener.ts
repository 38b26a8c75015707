import { onProgressUpdatePosted } from "../progress/post-progress-update";
import { notifyProgressUpdate } from "./notify";

let registered = false;

/** Followers hear about progress updates; registered once, by whoever serves the API. */
export function registerNotificationListeners(): void {
  if (registered) return;
  registered = true;
  onProgressUpdatePosted(async (db, event) => {
    await notifyProgressUpdate(db, { objectiveId: event.objectiveId, actorId: event.authorId });
  });
}
