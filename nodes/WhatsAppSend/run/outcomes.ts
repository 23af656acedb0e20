import type { NodeError } from 'n8n-workflow';

/** What became of one item, for the summary a stopped run ends with. */
export type Outcome = 'accepted' | 'notSent' | 'uncertain' | 'skipped';

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The sentence a stopped or cancelled run adds to its error, so a re-run sends only what is missing. */
function stopSummary(outcomes: Outcome[], why: 'stopped' | 'cancelled'): string {
	const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
	const accepted = count('accepted');
	const uncertain = count('uncertain');
	const skipped = count('skipped');
	const notSent = outcomes.length - accepted - uncertain - skipped;
	const when =
		why === 'stopped'
			? 'The run stopped at this failure (On Error: Stop)'
			: 'The execution was cancelled';
	const tally = [
		`${accepted} accepted by the provider before the ${why === 'stopped' ? 'stop' : 'cancellation'}`,
		uncertain > 0 ? `${uncertain} may or may not have been sent` : undefined,
		skipped > 0 ? `${skipped} skipped as already sent` : undefined,
		`${notSent} not sent`,
	].filter(Boolean);
	return `${when}. Of ${plural(outcomes.length, 'message')}: ${tally.join(', ')}.`;
}

/** The error a stopped or cancelled run ends with, telling how many messages went out before. */
export function withSummary(
	error: NodeError,
	outcomes: Outcome[],
	why: 'stopped' | 'cancelled',
): NodeError {
	const summary = stopSummary(outcomes, why);
	error.description = [error.description, summary].filter(Boolean).join(' ');
	error.context.outcomes = {
		accepted: outcomes.filter((o) => o === 'accepted').length,
		uncertain: outcomes.filter((o) => o === 'uncertain').length,
		notSent: outcomes.filter((o) => o === 'notSent').length,
		...(outcomes.includes('skipped')
			? { skipped: outcomes.filter((o) => o === 'skipped').length }
			: {}),
	};
	return error;
}
