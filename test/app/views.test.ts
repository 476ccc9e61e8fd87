// The view engine and the per-request work around it: templates compiled once in production and
// read again on every render elsewhere, no template source in production's compiled code, no ETag
// hashing of pages, and compression of pages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ejsEngine } from '../../src/lib/views.ts';
import { createTestApp } from '../helpers/app.ts';

function render(engine: ReturnType<typeof ejsEngine>, path: string, data: object): Promise<string> {
  return new Promise((resolve, reject) => engine(path, data, (error, html) => (error ? reject(error) : resolve(html!))));
}

function viewsWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'skylark-views-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the EJS view engine', () => {
  it('in production compiles a template and its partials once: an edited file is not read again', async () => {
    const dir = viewsWith({ 'page.ejs': '<%= greeting %>, <%- include("part") %>', 'part.ejs': 'world' });
    const engine = ejsEngine({ viewsDir: dir, cache: true, compileDebug: false });
    expect(await render(engine, join(dir, 'page.ejs'), { greeting: 'Hello' })).toBe('Hello, world');
    writeFileSync(join(dir, 'page.ejs'), 'edited');
    writeFileSync(join(dir, 'part.ejs'), 'edited');
    expect(await render(engine, join(dir, 'page.ejs'), { greeting: 'Hi' })).toBe('Hi, world');
  });

  it('in development and tests reads the template and its partials again on every render', async () => {
    const dir = viewsWith({ 'page.ejs': '<%= greeting %>, <%- include("part") %>', 'part.ejs': 'world' });
    const engine = ejsEngine({ viewsDir: dir, cache: false, compileDebug: true });
    expect(await render(engine, join(dir, 'page.ejs'), { greeting: 'Hello' })).toBe('Hello, world');
    writeFileSync(join(dir, 'page.ejs'), '<%= greeting %>! <%- include("part") %>');
    writeFileSync(join(dir, 'part.ejs'), 'everyone');
    expect(await render(engine, join(dir, 'page.ejs'), { greeting: 'Hi' })).toBe('Hi! everyone');
  });

  it('gives a partial the locals of the page that includes it plus its own, whatever names each page has', async () => {
    const dir = viewsWith({
      'a.ejs': '<%= title %>: <%- include("field", { name: "email" }) %>',
      'b.ejs': '<%= heading %> <%- include("field", { name: "phone", hint: "mobile" }) %>',
      'field.ejs': '[<%= name %><% if (typeof hint !== "undefined") { %> (<%= hint %>)<% } %> <%= typeof title === "undefined" ? "-" : title %>]',
    });
    for (const cache of [true, false]) {
      const engine = ejsEngine({ viewsDir: dir, cache, compileDebug: !cache });
      expect(await render(engine, join(dir, 'a.ejs'), { title: 'Contact' })).toBe('Contact: [email Contact]');
      expect(await render(engine, join(dir, 'b.ejs'), { heading: 'Phone' })).toBe('Phone [phone (mobile) -]');
      expect(await render(engine, join(dir, 'a.ejs'), { title: 'Again', extra: 1 })).toBe('Again: [email Again]');
    }
  });

  it('escapes <%= %> as EJS does, and lets a template declare a name that is also a local', async () => {
    const dir = viewsWith({ 'page.ejs': '<% const title = "Mine" %><%= title %>|<%= view.text %>|<%- raw %>|<%= nothing %>|<%= zero %>' });
    const engine = ejsEngine({ viewsDir: dir, cache: true, compileDebug: false });
    const html = await render(engine, join(dir, 'page.ejs'), { title: 'Theirs', view: { text: `<a href="x">'&'</a>` }, raw: '<b>', nothing: null, zero: 0 });
    expect(html).toBe('Mine|&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;|<b>||0');
  });

  it('points a template error at the template line in development, and carries no template source in production', async () => {
    const dir = viewsWith({ 'broken.ejs': 'line one\n<%= missing.name %>\n' });
    const debug = await render(ejsEngine({ viewsDir: dir, cache: false, compileDebug: true }), join(dir, 'broken.ejs'), {}).catch((e: Error) => e);
    expect(String(debug)).toContain('broken.ejs:2');
    expect(String(debug)).toContain('<%= missing.name %>');
    const production = await render(ejsEngine({ viewsDir: dir, cache: true, compileDebug: false }), join(dir, 'broken.ejs'), {}).catch((e: Error) => e);
    expect(production).toBeInstanceOf(ReferenceError);
    expect(String(production)).not.toContain('<%= missing.name %>');
  });

  it('renders every page of the app the same in production as in tests', async () => {
    const test = createTestApp();
    const production = createTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-for-tests' } });
    for (const path of ['/', '/flights?from=DUB&to=XXX&depart=yesterday', '/no-such-page']) {
      const [a, b] = await Promise.all([request(test.app).get(path), request(production.app).get(path)]);
      expect(b.status, path).toBe(a.status);
      const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');
      expect(withoutToken(b.text), path).toBe(withoutToken(a.text));
    }
  });
});

describe('per-request work around the pages', () => {
  it('sends pages without an ETag (each is built for its request), and static files with one', async () => {
    const { app } = createTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-for-tests' } });
    const page = await request(app).get('/');
    expect(page.status).toBe(200);
    expect(page.headers.etag).toBeUndefined();
    const css = await request(app).get('/static/css/site.css');
    expect(css.status).toBe(200);
    expect(css.headers.etag).toBeDefined();
  });

  it('compresses a page for a browser that accepts gzip, and leaves a small answer as it is', async () => {
    const { app } = createTestApp();
    const page = await request(app).get('/').set('accept-encoding', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
    const brotli = await request(app).get('/').set('accept-encoding', 'gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    const health = await request(app).get('/health').set('accept-encoding', 'gzip');
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
