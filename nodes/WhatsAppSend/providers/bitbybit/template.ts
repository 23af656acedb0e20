import type { IDataObject } from 'n8n-workflow';

import type { TemplateMessage } from '../../input/message';
import { formatDigits } from '../../input/recipient';
import { InputError, quoteValue } from '../../output/errors';
import type { ProviderRequest } from '../types';
import { bitbybitCommonFields } from './common';
import type { BitbybitExtras } from './read';

const BITBYBIT_TEMPLATE_SOURCES = ['CRM', 'AUTH'] as const;

export function validateTemplate({ template, extras }: TemplateMessage<BitbybitExtras>): void {
	if (!template.id)
		throw new InputError('Template Name', 'is empty', 'the name of an approved template');
	if (!BITBYBIT_TEMPLATE_SOURCES.includes(extras.templateSource as never)) {
		throw new InputError(
			'Template Source',
			`${quoteValue(extras.templateSource ?? '')} is not a bitbybit template source`,
			'"CRM" or "AUTH"',
		);
	}
	// bitbybit has no template list, so the placeholder count is left to bitbybit; empty values and the
	// link's shape are checked for every provider in readMessageFrom (checkTemplateInput).
}

/** POST /messages/send-template — note the API's mixed snake_case and camelCase field names. */
export function buildTemplate(message: TemplateMessage<BitbybitExtras>): ProviderRequest {
	const { template, extras } = message;
	const json: IDataObject = {
		to: formatDigits(message.recipient),
		template_name: template.id,
		template_source: extras.templateSource,
	};
	if (extras.source) json.sources = extras.source;
	if (template.parameters.length > 0) json.params = template.parameters;
	if (template.mediaUrl) json.mediaUrl = template.mediaUrl;
	return {
		method: 'POST',
		path: '/messages/send-template',
		json: { ...json, ...bitbybitCommonFields(message) },
	};
}
