/**
 * The tenants' databases as a wrangler configuration declares them: TENANTS (read with the Worker's
 * own parser, worker/db/tenants.ts) joined with the `[[d1_databases]]` blocks, one entry per
 * database (tenants that share a binding share an entry).
 */
import { unstable_readConfig } from "wrangler";
import { parseTenancy } from "../../worker/domain/tenancy";
import { useOfflineDefaults } from "./wrangler";

export interface TenantDatabase {
	binding: string;
	databaseName: string;
	databaseId: string;
	tenants: string[];
	hosts: string[];
}

export function tenantDatabases(configPath: string): TenantDatabase[] {
	useOfflineDefaults();
	const config = unstable_readConfig({ config: configPath });
	const json = config.vars.TENANTS;
	if (typeof json !== "string") throw new Error(`${configPath} has no TENANTS variable ([vars])`);
	const byBinding = new Map<string, TenantDatabase>();
	for (const tenant of parseTenancy(json).tenants) {
		const d1 = config.d1_databases.find((d: { binding: string }) => d.binding === tenant.binding);
		if (!d1)
			throw new Error(
				`TENANTS gives ${tenant.name} the binding ${tenant.binding}, which no [[d1_databases]] block in ${configPath} declares`,
			);
		const entry: TenantDatabase = byBinding.get(tenant.binding) ?? {
			binding: tenant.binding,
			databaseName: d1.database_name ?? tenant.binding,
			databaseId: d1.database_id ?? "",
			tenants: [],
			hosts: [],
		};
		entry.tenants.push(tenant.name);
		entry.hosts.push(...tenant.hosts);
		byBinding.set(tenant.binding, entry);
	}
	return [...byBinding.values()];
}
