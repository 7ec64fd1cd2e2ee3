import { describe, expect, it } from "vitest";
import { allQuestions, analyse } from "../../../worker/domain/drafter/index";
import { article, correctAnswers, distractors, find, must, problems } from "./helpers";

const story = article(
	"The Harbour Trust has bought the old mill in Castleford for £3 million, the trust said on Friday.",
	"Headliner Nadia Okoro, who grew up in Lagos and now lives in Glasgow, will open the mill's first concert in May.",
	"Mill manager Peter Quinn said the building would also house a café run by the Riverside Foundation.",
	"Dr Sara Lind, a historian at the University of Bristol, said the mill was built in 1842.",
	"Quinn told the Castleford Courier that 40 volunteers had already signed up. Lind said visitors from Leeds and Manchester were expected.",
);
const all = allQuestions(story).map((d) => d.question);
const kinds = analyse(story).ents.list;
const kindOf = (name: string) => kinds.find((e) => e.name === name)?.kind;

describe("named people, places and organisations", () => {
	it("are typed by titles, roles, organisation and place words, and context", () => {
		const named = {
			person: ["Nadia Okoro", "Peter Quinn", "Sara Lind"],
			org: ["Harbour Trust", "Riverside Foundation", "University of Bristol", "Castleford Courier"],
			place: ["Glasgow", "Lagos", "Castleford"],
		};
		for (const [kind, names] of Object.entries(named)) {
			for (const name of names) expect(kindOf(name), name).toBe(kind);
		}
	});

	it("link a surname to the full name introduced earlier", () => {
		const quinn = kinds.find((e) => e.name === "Peter Quinn");
		expect(quinn?.short).toBe("Quinn");
		expect(quinn?.mentions.filter((m) => !m.pronoun)).toHaveLength(2);
	});

	it("give questions that pass the content check", () => {
		expect(problems(story, all)).toEqual([]);
	});

	it("ask where, from a who-clause, with other places as distractors", () => {
		const q = find(all, /^Where did Nadia Okoro grow up\?$/u, "single");
		expect(q).toBeDefined();
		expect(correctAnswers(must(q))).toEqual(["Lagos"]);
		for (const d of distractors(must(q))) expect(kindOf(d)).toBe("place");
		expect(find(all, /^Where does Nadia Okoro now live\?/u)).toBeDefined();
	});

	it("ask which organisation did something, with other organisations as distractors", () => {
		const q = find(all, /^According to the trust, which organisation has bought the old mill in Castleford for £3 million\?$/u, "single");
		expect(q).toBeDefined();
		expect(correctAnswers(must(q))).toEqual(["Harbour Trust"]);
		for (const d of distractors(must(q))) expect(kindOf(d)).toBe("org");
	});

	it("ask who a person is from their role, and who holds a role", () => {
		const role = find(all, /^How does the article describe Peter Quinn\?$/u, "single");
		expect(correctAnswers(must(role))).toEqual(["Mill manager"]);
		const who = find(all, /^Who is described in the article as mill manager\?$/u, "single");
		expect(correctAnswers(must(who))).toEqual(["Peter Quinn"]);
		const described = all.find(
			(q) => q.type === "true_false" && /describes .* as a historian at the University of Bristol/u.test(q.prompt),
		);
		expect(described).toBeDefined();
	});

	it("ask who did what a who-clause says", () => {
		const q = find(all, /^Who grew up in Lagos and now lives in Glasgow\?/u);
		expect(correctAnswers(must(q))).toContain("Nadia Okoro");
	});

	it("do not ask about a name inside a phrase that hangs off a noun (“a café run by …”)", () => {
		expect(all.some((q) => /by which organisation would the building/iu.test(q.prompt))).toBe(false);
	});
});
