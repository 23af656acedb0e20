import type { IDataObject } from 'n8n-workflow';

import { InputError, quoteValue } from '../../output/errors';
import { formatDigits } from '../../input/recipient';
import type { OutgoingMessage } from '../../input/message';
import type { ProviderRequest } from '../types';
import { bitbybitCommonFields } from './common';

export const BITBYBIT_TEMPLATE_SOURCES = ['CRM', 'AUTH'] as const;

export function validateTemplate(message: OutgoingMessage): void {
	const template = message.template;
	if (!template?.id) throw new InputError('Template Name', 'is empty', 'the name of an approved template');
	if (!BITBYBIT_TEMPLATE_SOURCES.includes(template.source as never)) {
		throw new InputError('Template Source', `${quoteValue(template.source ?? '')} is not a bitbybit template source`, '"CRM" or "AUTH"');
	}
	// bitbybit has no template list, so the placeholder count is left to bitbybit; empty values and the
	// link's shape are checked for every provider in readMessageFrom (checkTemplateInput).
}

/** POST /messages/send-template — note the API's mixed snake_case and camelCase field names. */
export function buildTemplate(message: OutgoingMessage): ProviderRequest {
	const template = message.template!;
	const json: IDataObject = {
		to: formatDigits(message.recipient),
		template_name: template.id,
		template_source: template.source,
	};
	if (message.source) json.sources = message.source;
	if (template.parameters.length > 0) json.params = template.parameters;
	if (template.mediaUrl) json.mediaUrl = template.mediaUrl;
	return { method: 'POST', path: '/messages/send-template', json: { ...json, ...bitbybitCommonFields(message) } };
}
