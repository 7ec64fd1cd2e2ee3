/**
 * The log gap of finding 11: nothing that grants access is logged. Workers Logs' automatic record
 * of each request (its URL, which carries export-link tokens, result ids and join codes) is turned
 * off in wrangler.toml, and the Worker's own logging writes none of them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import wranglerToml from "../../../wrangler.toml?raw";
import { call } from "../../fixtures/http";
import { makeWorld, type World } from "../../fixtures/routes";

describe("logs", () => {
	let world: World;
	beforeAll(async () => {
		world = await makeWorld();
	});

	it("finding 11: invocation logs (request URLs) are off; the code's own logs stay on", () => {
		expect(wranglerToml).toMatch(/\[observability\]\s*\nenabled = true/);
		expect(wranglerToml).toMatch(/\[observability\.logs\][^[]*invocation_logs = false/);
	});

	it("finding 11: requests that carry an export-link token, a result id or a join code log none of them", async () => {
		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			}),
		);
		try {
			for (const path of [
				`/export/${world.linkToken}/scores.csv`,
				`/export/${world.linkToken}/gradebook.csv`,
				`/result/${world.attemptId}`,
				`/api/attempts/${world.attemptId}`,
				`/join/${world.joinCode}`,
				`/?class=${world.joinCode}`,
			]) {
				const res = await call(path);
				await res.body?.cancel();
			}
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		const all = logged.join("\n");
		for (const secret of [world.linkToken, world.attemptId, world.joinCode, world.token]) expect(all).not.toContain(secret);
	});
});
