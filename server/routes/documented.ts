// A route whose body the handler reads itself (pasted text, a multipart file or raw bytes; an
// edited extraction that only has to fit after revision): it is described in the OpenAPI document
// from its schemas like the others, but zod-openapi's validator, which insists on one declared
// content type and the strict schema, is not put in front of it.
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Handler } from 'hono';

export function documentedRoute(app: OpenAPIHono, route: RouteConfig, handler: Handler): void {
  app.openAPIRegistry.registerPath(route);
  const path = route.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(route.method.toUpperCase(), path, handler);
}
