// The sandbox inbox: polls /_sandbox/inbox.json and draws each accepted message the way a phone would.
(function () {
	'use strict';

	const POLL_MS = 1500;
	let shownVersion = -1;
	let controlsDrawn = false;

	const ANSWER_LABELS = {
		rateLimit: 'Rate limit',
		outage: 'Outage',
		serverError: 'Error 500',
		drop: 'Dropped connection',
	};
	const SHORT_LABELS = { rateLimit: '429', outage: '503', serverError: '500', drop: 'drop' };

	function el(tag, attrs, children) {
		const node = document.createElement(tag);
		for (const [key, value] of Object.entries(attrs || {})) {
			if (value === undefined || value === null || value === false) continue;
			if (key === 'class') node.className = value;
			else if (key === 'text') node.textContent = value;
			else node.setAttribute(key, value === true ? '' : String(value));
		}
		for (const child of [].concat(children || [])) {
			if (child === undefined || child === null || child === false) continue;
			node.append(child instanceof Node ? child : document.createTextNode(String(child)));
		}
		return node;
	}

	/** WhatsApp's own formatting: *bold*, _italic_, ~strike~, ```mono```. Text stays text (no HTML injection). */
	function formatted(text) {
		const span = el('span', { class: 'caption' });
		const pattern = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g;
		let last = 0;
		for (const match of String(text || '').matchAll(pattern)) {
			span.append(text.slice(last, match.index));
			const token = match[0];
			const inner = token.startsWith('```') ? token.slice(3, -3) : token.slice(1, -1);
			const tag = { '*': 'strong', _: 'em', '~': 's', '`': 'code' }[token[0]];
			span.append(el(tag, { text: inner }));
			last = match.index + token.length;
		}
		span.append(String(text || '').slice(last));
		return span;
	}

	function time(iso) {
		return new Date(iso).toLocaleTimeString([], {
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	}

	// WhatsApp's ticks: a clock until the provider reports, ✓ sent, ✓✓ delivered, blue ✓✓ read, ! failed.
	const TICKS = {
		pending: { text: '🕓', title: 'accepted by the provider; no status reported yet' },
		sent: { text: '✓', title: 'sent' },
		delivered: { text: '✓✓', title: 'delivered' },
		read: { text: '✓✓', title: 'read' },
		failed: { text: '!', title: 'failed' },
	};

	function meta(entry) {
		if (entry.direction === 'inbound') return el('span', { class: 'meta' }, [time(entry.at)]);
		const statuses = entry.statuses || [];
		const last = statuses.length ? statuses[statuses.length - 1] : undefined;
		const state = last ? last.status : 'pending';
		const tick = TICKS[state] || TICKS.pending;
		const title =
			statuses
				.map((s) => s.status + ' ' + time(s.at) + (s.error ? ' (' + s.error + ')' : ''))
				.join(' · ') || tick.title;
		return el('span', { class: 'meta' }, [
			time(entry.at),
			el('span', { class: 'ticks tick-' + state, 'data-status': state, title, text: tick.text }),
		]);
	}

	function failure(entry) {
		const failed = (entry.statuses || []).find((s) => s.status === 'failed');
		return failed ? el('div', { class: 'failure', text: '⚠ Failed: ' + failed.error }) : null;
	}

	function size(bytes) {
		if (bytes === undefined || bytes === null) return '';
		if (bytes < 1024) return bytes + ' B';
		if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' kB';
		return (bytes / 1024 / 1024).toFixed(1) + ' MB';
	}

	function extension(name, mimeType) {
		const fromName = /\.([a-z0-9]{1,5})$/i.exec(name || '');
		if (fromName) return fromName[1].toUpperCase();
		return mimeType ? mimeType.split('/').pop().toUpperCase().slice(0, 5) : 'FILE';
	}

	function mediaBlock(kind, media) {
		const url = media.url;
		if (!url)
			return el('div', {
				class: 'missing-media',
				text: media.mediaId ? 'Media id ' + media.mediaId : 'No media link',
			});
		if (kind === 'image' || kind === 'sticker') {
			const img = el('img', {
				class: kind === 'image' ? 'media' : null,
				src: url,
				alt: media.fileName || kind,
			});
			img.addEventListener('error', () =>
				img.replaceWith(el('div', { class: 'missing-media', text: 'Image not reachable: ' + url })),
			);
			return img;
		}
		if (kind === 'video') return el('video', { src: url, controls: true, preload: 'metadata' });
		if (kind === 'audio') {
			return el('div', {}, [
				media.voiceNote ? el('div', { class: 'template-tag', text: '🎤 Voice note' }) : null,
				el('audio', { src: url, controls: true, preload: 'none' }),
			]);
		}
		const info = [
			extension(media.fileName || url, media.mimeType),
			size(media.size),
			media.mimeType,
		]
			.filter(Boolean)
			.join(' · ');
		return el(
			'a',
			{ class: 'document-link', href: url, target: '_blank', rel: 'noopener' },
			el('div', { class: 'document' }, [
				el('div', { class: 'icon', text: extension(media.fileName || url, media.mimeType) }),
				el('div', {}, [
					el('div', { class: 'name', text: media.fileName || url.split('/').pop() || 'document' }),
					el('div', { class: 'info', text: info }),
				]),
			]),
		);
	}

	function templateBubble(entry, bubble) {
		const template = entry.view.template;
		bubble.append(
			el('span', {
				class: 'template-tag',
				text: 'Template · ' + template.name + (template.language ? ' · ' + template.language : ''),
			}),
		);
		const header = template.header;
		if (header) {
			if (header.format === 'TEXT')
				bubble.append(el('div', { class: 'template-header', text: header.text }));
			else if (header.url || header.format)
				bubble.append(mediaBlock(header.format.toLowerCase(), { url: header.url }));
		}
		if (template.known) {
			bubble.append(formatted(template.body));
		} else {
			bubble.append(
				el('div', {
					class: 'template-tag',
					text: 'The sandbox does not know this template’s text; values sent:',
				}),
			);
			bubble.append(
				el(
					'ol',
					{ class: 'template-values' },
					template.values.map((v) => el('li', { text: v })),
				),
			);
		}
		if (template.footer)
			bubble.append(el('div', { class: 'template-footer', text: template.footer }));
		if (!template.buttons.length) return null;
		return el(
			'div',
			{ class: 'buttons' },
			template.buttons.map((b) =>
				el('a', { href: b.url || '#', target: '_blank', rel: 'noopener' }, [
					b.url ? '↗ ' : '',
					b.text,
					b.url ? el('small', { text: b.url }) : null,
				]),
			),
		);
	}

	function bubbleFor(entry) {
		const view = entry.view;
		const bubble = el('div', { class: 'bubble kind-' + view.kind, 'data-kind': view.kind });
		let after = null;
		switch (view.kind) {
			case 'text':
				bubble.append(formatted(view.text));
				break;
			case 'image':
			case 'video':
			case 'audio':
			case 'document':
			case 'sticker':
				bubble.append(mediaBlock(view.kind, view.media || {}));
				if (view.media && view.media.viewOnce)
					bubble.append(el('div', { class: 'template-tag', text: '① View once' }));
				if (view.text) bubble.append(formatted(view.text));
				break;
			case 'template':
				after = templateBubble(entry, bubble);
				break;
			case 'location': {
				const l = view.location;
				bubble.append(el('div', { class: 'map', text: '📍' }));
				if (l.name) bubble.append(el('div', { class: 'place', text: l.name }));
				if (l.address) bubble.append(el('div', { class: 'address', text: l.address }));
				bubble.append(el('div', { class: 'coords', text: l.latitude + ', ' + l.longitude }));
				break;
			}
			case 'contact': {
				const c = view.contact;
				bubble.append(
					el('div', { class: 'contact' }, [
						el('div', { class: 'avatar', text: (c.name || '?').slice(0, 1).toUpperCase() }),
						el('div', {}, [
							el('div', { class: 'place', text: c.name }),
							el('div', { class: 'address', text: '+' + String(c.phone).replace(/^\+/, '') }),
						]),
					]),
				);
				bubble.append(el('div', { class: 'contact-action', text: 'Message' }));
				break;
			}
			case 'poll': {
				const p = view.poll;
				bubble.append(el('div', { class: 'template-tag', text: '📊 Poll' }));
				bubble.append(el('div', { class: 'poll-question', text: p.question }));
				for (const option of p.options)
					bubble.append(el('div', { class: 'poll-option', text: option }));
				break;
			}
			default:
				bubble.append(el('pre', { text: JSON.stringify(entry.request.body, null, 2) }));
		}
		bubble.append(meta(entry));
		if (entry.direction === 'inbound') bubble.classList.add('inbound');
		return el('div', { class: 'chat' + (entry.direction === 'inbound' ? ' inbound' : '') }, [
			bubble,
			after,
			failure(entry),
		]);
	}

	function eventsFor(entry) {
		const events = entry.events || [];
		if (!events.length) return null;
		return el('details', { class: 'events' }, [
			el('summary', { text: 'Webhook events (' + events.length + ')' }),
			el(
				'ol',
				{},
				events.map((e) =>
					el('li', {}, [
						el('code', { text: e.event }),
						' → ' + e.url + ' ',
						el('span', {
							class: typeof e.answer === 'number' && e.answer < 300 ? 'status-ok' : 'error',
							text: String(e.answer),
						}),
					]),
				),
			),
		]);
	}

	function rawFor(entry) {
		const request = entry.request;
		const ok = entry.response.status >= 200 && entry.response.status < 300;
		return el('div', { class: 'raw' }, [
			el('div', { class: 'line' }, [
				request.method + ' ' + request.path + ' → ',
				el('span', { class: ok ? 'status-ok' : '', text: String(entry.response.status) }),
			]),
			el('pre', { class: 'raw-body', text: JSON.stringify(request.body, null, 2) }),
			el('details', {}, [
				el('summary', { text: 'Headers and answer' }),
				el('pre', {
					text: JSON.stringify({ headers: request.headers, answer: entry.response.body }, null, 2),
				}),
			]),
			eventsFor(entry),
		]);
	}

	function replyBox(group) {
		const key = group.key;
		const input = el('input', {
			type: 'text',
			class: 'reply-text',
			'data-reply-key': key,
			placeholder:
				group.provider === 'multiSession'
					? 'Reply as the customer (the server sends no text, only that a message came)'
					: 'Reply as the customer',
		});
		const form = el('form', { class: 'reply' }, [
			input,
			el('button', { type: 'submit', text: 'Send reply' }),
		]);
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			if (!input.value.trim()) return;
			const text = input.value;
			input.value = '';
			post(
				'/_sandbox/reply',
				{ provider: group.provider, to: group.recipient, text },
				'Reply sent',
			);
		});
		return form;
	}

	/** Conversations by provider and recipient, the one with the newest message first. */
	function conversations(messages) {
		const groups = new Map();
		for (const entry of messages) {
			const key = entry.provider + ' ' + entry.recipient;
			if (!groups.has(key))
				groups.set(key, {
					key,
					provider: entry.provider,
					label: entry.providerLabel,
					recipient: entry.recipient,
					from: new Set(),
					messages: [],
				});
			const group = groups.get(key);
			group.messages.push(entry);
			if (entry.from) group.from.add(entry.from);
		}
		return [...groups.values()];
	}

	function drawConversations(messages) {
		const root = document.getElementById('conversations');
		// A redraw must not lose a reply being typed.
		const typed = new Map();
		let focused;
		for (const input of root.querySelectorAll('[data-reply-key]')) {
			if (input.value) typed.set(input.dataset.replyKey, input.value);
			if (input === document.activeElement) focused = input.dataset.replyKey;
		}
		root.replaceChildren();
		const restore = () => {
			for (const input of root.querySelectorAll('[data-reply-key]')) {
				const key = input.dataset.replyKey;
				if (typed.has(key)) input.value = typed.get(key);
				if (key === focused) input.focus();
			}
		};
		if (!messages.length) {
			root.append(
				el('p', {
					class: 'empty',
					text: 'No messages yet. Run a workflow that sends through the sandbox.',
				}),
			);
			return;
		}
		for (const group of conversations(messages)) {
			const from = [...group.from];
			root.append(
				el(
					'article',
					{
						class: 'conversation',
						'data-provider': group.provider,
						'data-recipient': group.recipient,
					},
					[
						el('header', {}, [
							el('div', {
								class: 'avatar',
								text: group.recipient.replace(/\D/g, '').slice(-2) || '#',
							}),
							el('div', { class: 'who' }, [
								el('strong', { text: group.recipient }),
								el('span', {
									text:
										group.messages.length +
										' message' +
										(group.messages.length === 1 ? '' : 's') +
										(from.length ? ' · from ' + from.join(', ') : ''),
								}),
							]),
							el('span', { class: 'badge ' + group.provider, text: group.label }),
						]),
						...group.messages.map((entry) =>
							el('div', { class: 'message', 'data-id': entry.id, 'data-kind': entry.view.kind }, [
								bubbleFor(entry),
								rawFor(entry),
							]),
						),
						replyBox(group),
					],
				),
			);
		}
		restore();
	}

	function drawActivity(activity) {
		const list = document.getElementById('activity');
		list.replaceChildren(
			...activity.slice(0, 200).map((a) => {
				const failed = !(typeof a.status === 'number' && a.status < 400);
				return el('li', { class: failed ? 'failed' : '' }, [
					el('span', { class: 'code', text: String(a.status) }),
					el('time', { text: time(a.at) + ' ' }),
					a.method + ' ' + a.path,
					a.error ? el('span', { class: 'error', text: a.error }) : null,
				]);
			}),
		);
	}

	async function post(path, body, label) {
		const response = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body || {}),
		});
		const answer = await response.json().catch(() => ({}));
		const status = document.getElementById('status');
		status.dataset.sticky = '1';
		setTimeout(() => delete status.dataset.sticky, 4000);
		status.textContent = response.ok
			? label
				? label
				: answer.answer
					? 'Next ' +
						answer.count +
						' send(s) to ' +
						answer.provider +
						': ' +
						ANSWER_LABELS[answer.answer]
					: 'Cleared'
			: answer.error || 'refused';
		shownVersion = -1;
	}

	function drawControls(state) {
		const root = document.getElementById('controls');
		for (const provider of state.providers) {
			const buttons = state.answers
				.filter((answer) => !(provider.id === 'multiSession' && answer === 'rateLimit'))
				.map((answer) => {
					const button = el('button', {
						type: 'button',
						title: 'Answer the next send with: ' + ANSWER_LABELS[answer],
						text: SHORT_LABELS[answer],
					});
					button.addEventListener('click', () =>
						post('/_sandbox/next', { provider: provider.id, answer, count: 1 }),
					);
					return button;
				});
			root.append(
				el('div', { class: 'control', 'data-provider': provider.id }, [
					el('div', {}, [
						el('strong', { text: provider.label }),
						' ',
						el('code', { text: provider.baseUrl }),
					]),
					el('div', { class: 'answers' }, ['Next send answers ', ...buttons]),
				]),
			);
		}
		root.append(webhooksPanel(state));
		const clear = el('button', { type: 'button', class: 'clear', text: 'Clear inbox' });
		clear.addEventListener('click', () => post('/_sandbox/clear'));
		document.querySelector('.top').append(clear);
		controlsDrawn = true;
	}

	/** Who receives each provider's events; bitbybit's and Callbell's are set here, as in their dashboards. */
	function webhooksPanel(state) {
		const panel = el('details', { class: 'webhooks' }, [
			el('summary', { text: 'Webhooks: where status events and replies go' }),
			el('p', {
				class: 'hint',
				text:
					'Vobiz and the Multi-Session API: the trigger registers itself through their APIs when its workflow is activated. ' +
					'bitbybit (Settings → Developer → Webhooks) and Callbell (its webhook settings) are set by hand: paste the trigger’s Production URL here. ' +
					'Designated recipients: ' +
					state.designatedRecipients.notOnWhatsApp +
					' is not on WhatsApp, ' +
					state.designatedRecipients.windowClosed +
					' last wrote more than 24 hours ago (only templates go through).',
			}),
			el('pre', { class: 'webhook-list', id: 'webhook-list' }),
		]);
		for (const provider of ['bitbybit', 'callbell']) {
			const url = el('input', {
				type: 'url',
				placeholder: 'http://localhost:5678/webhook/…/webhook',
			});
			const form = el('form', { class: 'webhook-form', 'data-provider': provider }, [
				el('strong', { text: provider === 'bitbybit' ? 'bitbybit' : 'Callbell' }),
				url,
				el('button', { type: 'submit', text: 'Set webhook' }),
			]);
			form.addEventListener('submit', (event) => {
				event.preventDefault();
				post('/_sandbox/webhooks', { provider, url: url.value }, 'Webhook set');
			});
			panel.append(form);
		}
		return panel;
	}

	function drawWebhooks(webhooks) {
		const list = document.getElementById('webhook-list');
		if (list) list.textContent = JSON.stringify(webhooks, null, 2);
	}

	async function refresh() {
		const status = document.getElementById('status');
		try {
			const response = await fetch('/_sandbox/inbox.json', { cache: 'no-store' });
			const state = await response.json();
			if (!controlsDrawn) drawControls(state);
			if (state.version !== shownVersion) {
				drawConversations(state.messages);
				drawActivity(state.activity);
				drawWebhooks(state.webhooks);
				shownVersion = state.version;
			}
			status.classList.remove('offline');
			if (!status.dataset.sticky)
				status.textContent =
					state.messages.length +
					' message' +
					(state.messages.length === 1 ? '' : 's') +
					' · updated ' +
					time(new Date().toISOString());
		} catch (error) {
			status.classList.add('offline');
			status.textContent = 'sandbox not reachable — retrying';
		} finally {
			setTimeout(refresh, POLL_MS);
		}
	}

	refresh();
})();
