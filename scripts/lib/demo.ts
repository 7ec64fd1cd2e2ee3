/**
 * The local demo that `npm start` makes sure of: a teacher with a class, both marked local-only in
 * their names, so that whoever has just started the app can open the dashboard and a join link at
 * once. Found and made only through the Worker's own services and queries, and only ever in the
 * local D1: nothing here runs against the production database.
 *
 * Tokens are stored only as hashes, so the demo teacher's token is kept in
 * .wrangler/demo-teacher.json (git-ignored, mode 600, next to the local database it belongs to, and
 * gone with it when .wrangler/ is deleted). The same token then works after every restart, a signed-in
 * dashboard stays signed in, and no new token is added on each start. When the file is missing or
 * its token no longer signs in (database reset, token revoked), a fresh token is issued.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "../../worker/db/client";
import { listTeachers } from "../../worker/features/auth/queries";
import { createTeacher, issueToken, teacherFromToken } from "../../worker/features/auth/service";
import { listTeacherClasses } from "../../worker/features/classes/queries";
import { createClass } from "../../worker/features/classes/service";
import { storedName } from "./names";
import { ROOT } from "./wrangler";

export const DEMO_TEACHER_NAME = "Demo teacher (local only)";
export const DEMO_CLASS_NAME = "Demo class (local only)";
const TOKEN_FILE = path.join(ROOT, ".wrangler/demo-teacher.json");

export interface Demo {
	teacherName: string;
	/** The demo teacher's token, to paste into /teacher. */
	token: string;
	className: string;
	joinCode: string;
}

interface SavedToken {
	teacherId: string;
	token: string;
}

function readSaved(): SavedToken | null {
	if (!existsSync(TOKEN_FILE)) return null;
	try {
		const saved = JSON.parse(readFileSync(TOKEN_FILE, "utf8")) as Partial<SavedToken>;
		return typeof saved.teacherId === "string" && typeof saved.token === "string"
			? { teacherId: saved.teacherId, token: saved.token }
			: null;
	} catch {
		return null;
	}
}

/** The demo teacher and a token of theirs that signs in: the saved one if it still works, else a new one. */
async function demoTeacher(db: Database, name: string): Promise<SavedToken> {
	const saved = readSaved();
	if (saved) {
		const identity = await teacherFromToken(db, saved.token);
		if (identity?.teacherId === saved.teacherId && identity.teacherName === name) return saved;
	}
	const existing = (await listTeachers(db)).find((t) => t.name === name);
	let fresh: SavedToken;
	if (existing) {
		const issued = await issueToken(db, existing.id);
		if (issued.kind !== "issued") throw new Error(`the demo teacher ${existing.id} disappeared`);
		fresh = { teacherId: issued.id, token: issued.token };
	} else {
		const created = await createTeacher(db, name);
		fresh = { teacherId: created.id, token: created.token };
	}
	mkdirSync(path.dirname(TOKEN_FILE), { recursive: true });
	writeFileSync(TOKEN_FILE, `${JSON.stringify(fresh, null, "\t")}\n`, { mode: 0o600 });
	return fresh;
}

/** Makes sure the local D1 has the demo teacher and their demo class (idempotent); returns what to sign in and join with. */
export async function ensureDemo(db: Database): Promise<Demo> {
	const teacherName = storedName(DEMO_TEACHER_NAME, "teacher");
	const className = storedName(DEMO_CLASS_NAME, "class");
	const teacher = await demoTeacher(db, teacherName);
	const classes = await listTeacherClasses(db, teacher.teacherId);
	let cls = classes.find((row) => row.cls.name === className)?.cls;
	if (!cls) {
		const made = await createClass(db, teacher.teacherId, { name: className });
		if (made.kind !== "created") throw new Error(`the demo class was refused: ${JSON.stringify(made)}`);
		cls = made.cls;
	}
	return { teacherName, token: teacher.token, className, joinCode: cls.joinCode };
}
