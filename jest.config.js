// Three layers, one runner: `npm test` runs them all (scripts/test.mjs builds first).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
	projects: [
		{
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			setupFiles: ['<rootDir>/test/support/state-file.ts'],
			setupFilesAfterEnv: [
				'<rootDir>/test/support/no-network.ts',
				'<rootDir>/test/support/instant-retries.ts',
			],
		},
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
			setupFiles: ['<rootDir>/test/support/state-file.ts'],
		},
		{
			...common,
			displayName: 'workflow',
			testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
			setupFiles: ['<rootDir>/test/support/quiet-n8n.ts', '<rootDir>/test/support/state-file.ts'],
		},
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// One n8n for the template files (test/e2e/shared-n8n.ts); the e2e files run one at a time.
			globalSetup: '<rootDir>/test/e2e/shared-n8n.setup.ts',
			globalTeardown: '<rootDir>/test/e2e/shared-n8n.teardown.ts',
		},
	],
	// A guard against hangs, not a speed goal: node tests wait in real time for QBO's 10-a-second pace.
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
