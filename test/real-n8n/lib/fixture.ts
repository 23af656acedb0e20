import type { Sandbox } from '../../../dev/sandbox/server';
import type { Engine } from './engines';
import { N8nInstance } from './instance';
import type { CredentialRow, WorkflowJson } from './instance';
import { installPackage, packedTarball } from './package';
import { sandboxCredentials } from './workflows';

/**
 * A fresh n8n of `engine` with the packed package installed, one credential per provider pointing at the
 * (started) sandbox (and any `extraCredentials`), and `workflows` imported: ready for `execute`.
 */
export async function n8nWithSandbox(
	engine: Engine,
	name: string,
	sandbox: Sandbox,
	workflows: WorkflowJson[],
	extraCredentials: CredentialRow[] = [],
): Promise<N8nInstance> {
	const n8n = await N8nInstance.create(engine, name);
	try {
		await installPackage(n8n, packedTarball());
		await n8n.importCredentials([...sandboxCredentials(sandbox), ...extraCredentials]);
		await n8n.importWorkflows(workflows);
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
	return n8n;
}
