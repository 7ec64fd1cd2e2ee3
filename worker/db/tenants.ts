/**
 * Tenancy: one D1 database per school (or district), chosen by the host name a request came to.
 *
 * Which databases exist is configuration, not code: wrangler.toml binds each database
 * (`[[d1_databases]]`, binding `DB_<SCHOOL>`), and the `TENANTS` variable says which binding serves
 * which tenant and on which host names:
 *
 *   TENANTS = '{"default":{"binding":"DB"},"riverside":{"binding":"DB_RIVERSIDE","hosts":["riverside.quizline.example"]}}'
 *
 * A host that no tenant lists belongs to "default"; without a "default" tenant it belongs to nobody.
 * With the one entry `{"default":{"binding":"DB"}}` the app is the single-database app it always
 * was. Several tenants may share a binding (the schools of a small district in one database). Every
 * query of a request goes to its tenant's database, so a school's rows are never read through
 * another school's host; what spans tenants is the operator's (docs/scaling.md).
 */
import { parseTenancy, type Tenancy, TenancyConfigError, type Tenant, tenantOfHost } from "../domain/tenancy";

/** TENANTS is the same string for the life of an isolate: parse it once. */
let cached: { json: string; tenancy: Tenancy } | null = null;

/** What tenancy reads of the bindings: TENANTS (wrangler.toml types it as its literal value; tests give other values). */
type TenancyEnv = { TENANTS: string };

export function tenancy(env: TenancyEnv): Tenancy {
	const json = env.TENANTS;
	// Compared with `=== null` first: with TENANTS unset, `cached?.json !== json` would be false and the first request would crash.
	if (cached === null || cached.json !== json) cached = { json, tenancy: parseTenancy(json) };
	return cached.tenancy;
}

/** The tenant a host name belongs to (port and case ignored), or null. */
export function tenantForHost(env: TenancyEnv, host: string): Tenant | null {
	return tenantOfHost(tenancy(env), host);
}

function isD1Database(value: unknown): value is D1Database {
	return typeof value === "object" && value !== null && "prepare" in value && "batch" in value && "withSession" in value;
}

/** The D1 database that holds a tenant's data: the binding TENANTS names for it. */
export function databaseFor(env: object, tenant: Tenant): D1Database {
	const value: unknown = Reflect.get(env, tenant.binding);
	if (!isD1Database(value)) throw new TenancyConfigError(`TENANTS names ${tenant.binding} for ${tenant.name}, which is not a D1 binding`);
	return value;
}

/** The Worker's bindings as one tenant's code sees them: `DB` is that tenant's database. */
export function tenantEnv(env: Env, tenant: Tenant): Env {
	return { ...env, DB: databaseFor(env, tenant) };
}

/**
 * A `scheduled` handler run once per database (tenants sharing a binding share the run), one after
 * another; a failure in one database does not stop the others, and is thrown once all have run.
 */
export function everyDatabase(handler: (controller: ScheduledController, env: Env) => Promise<void>) {
	return async (controller: ScheduledController, env: Env): Promise<void> => {
		const seen = new Set<string>();
		const failures: unknown[] = [];
		for (const tenant of tenancy(env).tenants) {
			if (seen.has(tenant.binding)) continue;
			seen.add(tenant.binding);
			try {
				await handler(controller, tenantEnv(env, tenant));
			} catch (err) {
				failures.push(err);
			}
		}
		if (failures.length > 0) throw new AggregateError(failures, `scheduled: ${failures.length} of ${seen.size} databases failed`);
	};
}
