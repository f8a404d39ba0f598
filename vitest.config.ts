import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests never reach a model: an endpoint configured in the developer's shell is unset here, and
    // the model-path tests answer through msw.
    env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', JIXIAO_EMBEDDING_MODEL: '' },
    // No test may depend on speed: CI is a 2-core machine that may be busy (a second suite, a
    // build), where a worker's first file takes many times its usual second. Budgets are measured by
    // `npm run bench`, not asserted here; these only catch a test that never ends.
    testTimeout: 120_000,
    // The bin and the pack test run the compiled package.
    globalSetup: ['test/build-dist.ts'],
    hookTimeout: 180_000,
  },
});
