import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

export type Read = (name: string, fallback?: unknown) => unknown;

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads the node's parameters item by item. A parameter holding no expression has the same value for
 * every item, so it is resolved once: n8n copies and cleans a parameter on every read, which for a
 * 10,000-item broadcast is most of the node's own work and garbage.
 */
export class ParameterReader {
	private readonly constant = new Map<string, unknown>();

	private readonly raw: INodeParameters;

	constructor(private readonly context: IExecuteFunctions) {
		this.raw = context.getNode().parameters;
	}

	forItem(itemIndex: number): Read {
		return (name, fallback) => {
			if (this.constant.has(name)) return this.constant.get(name);
			const value = this.context.getNodeParameter(name, itemIndex, fallback);
			if (!hasExpression(this.raw[name])) this.constant.set(name, value);
			return value;
		};
	}
}
