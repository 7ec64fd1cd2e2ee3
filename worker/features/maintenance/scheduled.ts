import { createDb } from "../../db/client";
import { cleanUp } from "./service";

/** The Worker's `scheduled` handler: the daily clean-up, at the time the trigger fired. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
	const done = await cleanUp(createDb(env.DB), new Date(controller.scheduledTime));
	console.log(`clean-up: ${done.practiceAttempts} practice attempts, ${done.sessions} sessions, ${done.exportLinks} export links deleted`);
}
