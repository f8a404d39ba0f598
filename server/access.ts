// Who may do what. Reading and extracting are open to anyone who can reach the server; changing the
// library needs the bearer token when one is set, and without one is allowed only on a server that
// listens on loopback, from a request that is not a browser page of another site (a form posted
// cross-site, or a DNS-rebound name). Browsers may call the API from other origins only when they
// are listed (CORS_ORIGINS).
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { ServerConfig } from './config.ts';
import { ApiError } from './errors.ts';

/** Whether an address or name is this machine only: 127.0.0.0/8, ::1 (or IPv4-mapped 127/8), localhost. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost') return true;
  if (isIPv4(name)) return name.startsWith('127.');
  if (isIPv6(name)) return /^(0{0,4}:){2,7}0{0,3}1$/.test(name) || /^::ffff:127\./.test(name);
  return false;
}

/** Why these settings must not be served as they are, naming the setting; null when they may. */
export function accessProblem(config: Pick<ServerConfig, 'HOST' | 'JIXIAO_TOKEN'>): string | null {
  if (config.JIXIAO_TOKEN || isLoopbackHost(config.HOST)) return null;
  return `HOST is ${config.HOST}, not a loopback address, so anyone who can reach it could change the library: set JIXIAO_TOKEN (16 or more characters, e.g. \`openssl rand -base64 32\`) or listen on 127.0.0.1`;
}

/** Compared as digests, so that neither the content nor the length of the token leaks through timing. */
function sameToken(given: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The host part of a Host header (`127.0.0.1:8787`, `[::1]:8787`, `localhost`). */
function hostName(header: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]!;
  return header.replace(/:\d+$/, '');
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

const unauthorized = (message: string) => new ApiError(401, 'UNAUTHORIZED', message, { 'WWW-Authenticate': 'Bearer realm="jixiao"' });

/**
 * In front of every route that changes the library. With a token: `Authorization: Bearer <token>`
 * or 401. Without one: only on a loopback server, and only when the request names this machine as
 * its host and comes from no other site's page; browsers add neither header to a request they let a
 * page of another site make without asking, so a page cannot forge them.
 */
export function requireWriteAccess(config: Pick<ServerConfig, 'HOST' | 'JIXIAO_TOKEN' | 'CORS_ORIGINS'>): MiddlewareHandler {
  const token = config.JIXIAO_TOKEN;
  return async (c, next) => {
    if (token) {
      // Exactly `Bearer <token>` (RFC 6750): anything after the token makes it no bearer credential.
      const given = BEARER.exec((c.req.header('authorization') ?? '').trim())?.[1];
      if (!given) throw unauthorized('changing the library needs the header Authorization: Bearer <JIXIAO_TOKEN>');
      if (!sameToken(given, token)) throw unauthorized('the bearer token is not the one this server was given (JIXIAO_TOKEN)');
      return next();
    }
    if (!isLoopbackHost(config.HOST)) throw new ApiError(403, 'FORBIDDEN', 'this server listens beyond this machine without JIXIAO_TOKEN, so nobody may change its library');
    const host = c.req.header('host');
    // A name that resolves to 127.0.0.1 only for the attacker's page (DNS rebinding) arrives here
    // with that name in Host.
    if (host !== undefined && !isLoopbackHost(hostName(host))) throw new ApiError(403, 'FORBIDDEN', `without JIXIAO_TOKEN the library is changed only through a loopback address, not ${hostName(host)}`);
    const origin = c.req.header('origin');
    // An opaque origin ("null": a sandboxed frame, a local file) is no page of this server either.
    if (origin !== undefined && !sameOrigin(origin, host) && !config.CORS_ORIGINS.includes(origin)) {
      throw new ApiError(403, 'FORBIDDEN', `a page of ${origin} may not change this library (it is not this server's page, nor listed in CORS_ORIGINS)`);
    }
    return next();
  };
}

/** The server speaks plain HTTP: its own page's origin is http://HOST, scheme included (https://HOST is another origin). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).origin === new URL(`http://${host}`).origin;
  } catch {
    return false;
  }
}

/**
 * CORS for the listed origins only. Requests from other origins pass through with no CORS header,
 * preflights included, so the browser keeps its same-origin rule for them.
 */
export function corsForListedOrigins(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  const listed = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Filename'],
    exposeHeaders: ['Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && allowed.has(origin)) return listed(c, next);
    await next();
    // Caches must not hand one origin's answer to another.
    if (allowed.size > 0) c.header('Vary', 'Origin', { append: true });
  };
}
