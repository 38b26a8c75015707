import { createLiveBus, type Database } from "@planpulse/db";
import { createLiveHub, type LiveHub } from "./live-events";
import { createVisitorCache, type VisitorCache } from "./visitor-cache";

/** The process's live pages and visitors' cache, fed by one LISTEN/NOTIFY listener (decision 023). */
export async function startLive(
  database: Database,
  options: { maxConnections: number; cacheEntries: number },
): Promise<{ hub: LiveHub; cache: VisitorCache; close: () => Promise<void> }> {
  const bus = await createLiveBus(database);
  const hub = createLiveHub({ database, bus, maxConnections: options.maxConnections });
  const cache = createVisitorCache({ bus, maxEntries: options.cacheEntries });
  return {
    hub,
    cache,
    close: async () => {
      hub.close();
      await bus.close();
    },
  };
}
