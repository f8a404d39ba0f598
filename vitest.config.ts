import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests never reach a model: an endpoint configured in the developer's shell is unset here, and
    // the model-path tests answer through msw.
    env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', JIXIAO_EMBEDDING_MODEL: '' },
  },
});
