// A route whose body the handler reads itself (pasted text, a multipart file or raw bytes; an
// edited extraction that only has to fit after revision): it is described in the OpenAPI document
// from its schemas like the others, but zod-openapi's validator, which insists on one declared
// content type and the strict schema, is not put in front of it.
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Handler } from 'hono';

export function documentedRoute(app: OpenAPIHono, { middleware, ...route }: RouteConfig, handler: Handler): void {
  app.openAPIRegistry.registerPath(route);
  const path = route.path.replace(/\{(\w+)\}/g, ':$1');
  // Route middleware (an access check) runs before the handler, as app.openapi runs it.
  const before = (middleware === undefined ? [] : Array.isArray(middleware) ? middleware : [middleware]) as Handler[];
  for (const step of [...before, handler]) app.on(route.method.toUpperCase(), path, step);
}
