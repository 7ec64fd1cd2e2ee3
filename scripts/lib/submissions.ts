/**
 * Valid submissions for the load runs, built from the quiz as the API hands it out (no answer
 * key needed): every question answered, choices and names varied by a seeded generator so the
 * rows differ like a real class's.
 */
import { createHmac, randomInt } from "node:crypto";
import { assembleAttemptId, macInput } from "../../worker/domain/attempt-id";
import type { HttpClient } from "./http";
import { TEST_ATTEMPT_SECRET } from "./local-server";

export const QUIZ_ID = "nk-diplomacy-2017";

export interface PublicQuestion {
	id: string;
	type: "single" | "multiple" | "true_false" | "short";
	choices: { id: string }[];
}

export interface PublicQuiz {
	id: string;
	questionCount: number;
	questions: PublicQuestion[];
}

export interface Submission {
	attemptId: string;
	quizId: string;
	studentName: string;
	answers: { questionId: string; choiceIds?: string[]; text?: string }[];
}

/** Mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = ["sweden", "hwasong", "japan", "oil", "china", "russia", "talks", "sanctions", "century", "envoy"];
const NAMES = ["Ada", "Bea", "Cai", "Dara", "Eli", "Fen", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia", "Oli", "Pia"];

export async function fetchQuiz(client: HttpClient, quizId = QUIZ_ID): Promise<PublicQuiz> {
	const res = await client.request({ method: "GET", path: `/api/quizzes/${quizId}` });
	if (res.status !== 200) throw new Error(`GET /api/quizzes/${quizId}: ${res.status} ${res.body.slice(0, 200)}`);
	return JSON.parse(res.body) as PublicQuiz;
}

/**
 * An attempt id as the local server (startLocalServer) issues it: signed with its ATTEMPT_SECRET in
 * the layout of worker/domain/attempt-id.ts, synchronously, so load runs need no request per id.
 */
export function issuedAttemptId(secret = TEST_ATTEMPT_SECRET, now = Date.now()): string {
	const nonce = randomInt(2 ** 26);
	return assembleAttemptId(now, nonce, createHmac("sha256", secret).update(macInput(now, nonce)).digest());
}

/**
 * The client address a load run gives a submission (CF-Connecting-IP): one per student, the same
 * for every copy and replay of their attempt, so the per-client limits see a class of phones, not
 * one client sending thousands.
 */
export function studentAddress(attemptId: string): Record<string, string> {
	const hex = attemptId.replaceAll("-", "");
	const byte = (i: number) => Number.parseInt(hex.slice(i, i + 2), 16);
	return { "CF-Connecting-IP": `10.${byte(24)}.${byte(26)}.${byte(28)}` };
}

export function makeSubmission(quiz: PublicQuiz, random: () => number, attemptId = issuedAttemptId()): Submission {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
	return {
		attemptId,
		quizId: quiz.id,
		studentName: `${pick(NAMES)} ${pick(NAMES)}son ${Math.floor(random() * 1000)}`,
		answers: quiz.questions.map((q) => {
			if (q.type === "short") return { questionId: q.id, text: pick(WORDS) };
			if (q.type === "multiple") {
				const chosen = q.choices.filter(() => random() < 0.5).map((c) => c.id);
				return { questionId: q.id, choiceIds: chosen.length > 0 ? chosen : [pick(q.choices).id] };
			}
			return { questionId: q.id, choiceIds: [pick(q.choices).id] };
		}),
	};
}
