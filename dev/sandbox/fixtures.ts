/**
 * bitbybit has no template list endpoint, so its fake accepts any template name. For the inbox to
 * show a template the way the phone would, the sandbox knows the text of the ones the examples use.
 */
export const BITBYBIT_TEMPLATE_TEXTS: Record<string, { body: string; header?: string }> = {
	order_update: { body: 'Hi {{1}}, your order {{2}} has shipped and arrives on {{3}}.' },
	promo_image: { header: 'IMAGE', body: 'Hello {{1}}! This week only: {{2}} off everything.' },
	login_code: {
		body: '{{1}} is your verification code. For your security, do not share this code.',
	},
};
