import type { FakeProvider } from '../../fakes/fake';

/** Starts the fake providers before the suite's tests and stops them after. */
export function serveDuringSuite(...fakes: FakeProvider[]): void {
	beforeAll(async () => {
		await Promise.all(fakes.map(async (fake) => await fake.start()));
	});
	afterAll(async () => {
		await Promise.all(fakes.map(async (fake) => await fake.stop()));
	});
}
