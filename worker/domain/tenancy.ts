/**
 * The TENANTS setting (worker/db/tenants.ts, docs/scaling.md), parsed and checked: which D1 binding
 * holds which tenant's data, and which host names each tenant is served on. Pure: the Worker and
 * the operator's scripts (scripts/tenants.ts) read it with the same rules.
 */
import * as z from "../lib/z";

export const DEFAULT_TENANT = "default";

/** A tenant's name: lower-case letters, digits and dashes, as in a host name's label. */
const tenantName = z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/));
const bindingName = z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/));
const hostName = z.string().check(z.regex(/^[a-z0-9.-]+$/));

const tenantsSchema = z.record(tenantName, z.object({ binding: bindingName, hosts: z.optional(z.array(hostName)) }));

export interface Tenant {
	name: string;
	/** The name of the D1 binding that holds this tenant's data. */
	binding: string;
	hosts: readonly string[];
}

export interface Tenancy {
	tenants: readonly Tenant[];
	/** The tenant of each listed host. */
	byHost: ReadonlyMap<string, Tenant>;
	/** Where unlisted hosts go; null when there is no "default" tenant. */
	fallback: Tenant | null;
}

/** Thrown for a TENANTS value that does not parse: a deployment error, not a request's. */
export class TenancyConfigError extends Error {}

/** Parses a TENANTS value (JSON); every host may belong to one tenant only. */
export function parseTenancy(json: string | undefined): Tenancy {
	if (json === undefined || json === "") throw new TenancyConfigError("TENANTS is not set");
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		throw new TenancyConfigError("TENANTS is not JSON");
	}
	const parsed = tenantsSchema.safeParse(data);
	if (!parsed.success) throw new TenancyConfigError(`TENANTS is not valid: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
	const tenants = Object.entries(parsed.data).map(([name, t]) => ({ name, binding: t.binding, hosts: t.hosts ?? [] }));
	if (tenants.length === 0) throw new TenancyConfigError("TENANTS names no tenant");
	const byHost = new Map<string, Tenant>();
	for (const t of tenants) {
		for (const host of t.hosts) {
			const other = byHost.get(host);
			if (other) throw new TenancyConfigError(`TENANTS gives the host ${host} to both ${other.name} and ${t.name}`);
			byHost.set(host, t);
		}
	}
	return { tenants, byHost, fallback: tenants.find((t) => t.name === DEFAULT_TENANT) ?? null };
}

/** The tenant a host name belongs to (port and case ignored): the one that lists it, else "default", else none. */
export function tenantOfHost(tenancy: Tenancy, host: string): Tenant | null {
	return tenancy.byHost.get(host.toLowerCase().replace(/:\d+$/, "")) ?? tenancy.fallback;
}
