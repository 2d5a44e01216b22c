/**
 * The maintainer's loop through the brain (issue 18), transport-free: who may do what, what is kept, how a taught
 * fact sits beside the documentation, and reloading the knowledge base without a restart.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrain } from '../../../bot/brain/index.js';
import type { Brain, Message } from '../../../bot/brain/reply.js';
import { renderText } from '../../../bot/render/text.js';
import { openStore, type Store } from '../../../store/index.js';
import { hasShared } from '../../support/eval.js';

let store: Store;
let brain: Brain;
const say = (text: string, extra: Partial<Message> = {}) =>
  renderText(brain.handle({ text, author: 'alice', channel: '#hurd', transport: 'console', addressed: true, ...extra })!);

beforeAll(async () => {
  store = await openStore(mkdtempSync(join(tmpdir(), 'hxb-maint-')));
  brain = createBrain({ name: 'xenbot', store });
});
afterAll(() => store.close());

describe('who may do what', () => {
  it('refuses teaching, forgetting, reloading and the unanswered list to anyone the transport did not vouch for', () => {
    for (const cmd of ['!learn x is y', '!forget x', '!alias a = b', '!revert x', '!history x', '!stats', '!reload']) expect(say(cmd), cmd).toMatch(/Only maintainers/);
    expect(say('!unanswered', { isPrivate: true, channel: 'alice' })).toMatch(/Only maintainers/);
    expect(store.topics()).toEqual([]);
  });

  it('gives the unanswered list to a maintainer in private only', () => {
    say('how do i make the hurd sing opera on my toaster?');
    expect(say('!unanswered', { admin: true })).toMatch(/private message/);
    expect(say('!unanswered', { admin: true, isPrivate: true, channel: 'alice' })).toMatch(/1x question .*sing opera/);
  });
});

describe('the run-time ignore list', () => {
  it('is kept in the store by maintainers only', () => {
    expect(say('!ignore add pest!*@*')).toMatch(/Only maintainers/);
    expect(say('!ignore add pest!*@*', { admin: true })).toMatch(/will not answer pest/);
    expect(store.ignoreMasks()).toEqual(['pest!*@*']);
    expect(say('!ignore list', { admin: true })).toMatch(/pest!\*@\*/);
    expect(say('!ignore remove pest!*@*', { admin: true })).toMatch(/no longer ignored/);
    expect(store.ignoreMasks()).toEqual([]);
  });
});

describe('taught facts', () => {
  it('are shown beside the documented answer, marked and attributed, never instead of it', () => {
    expect(say('!learn pv-grub is what we tell people to use on Xen 4.17', { admin: true })).toMatch(/^Taught: pv-grub/);
    const both = say('what is pv-grub?');
    const lines = both.split('\n');
    expect(lines[0]).not.toMatch(/taught in the channel/);
    expect(both).toMatch(/pv-grub \(taught in the channel by alice\): what we tell people/);
  });

  it('answer alone, marked, a question the documentation does not cover', () => {
    // (a name the documentation never uses: zenhost, the old public boxes' dom0, is in it)
    say('!learn darnassus is the box that runs our Hurd buildd', { admin: true });
    expect(say('where is darnassus?')).toMatch(/^darnassus \(taught in the channel by alice\): the box that runs our Hurd buildd/);
  });
});

describe('feedback', () => {
  it('is about the last reply in that channel, with the entry it came from', () => {
    say('how much memory can the hurd domU have?', { channel: '#fb' });
    expect(say('!wrong too old', { channel: '#fb' })).toMatch(/about memory/);
    expect(say('!thanks', { channel: '#nothing-said-here' })).toMatch(/nothing to rate/);
    expect(store.feedbackCounts()).toContainEqual({ kind: 'wrong', ref: 'memory', count: 1 });
  });
});

describe.skipIf(!hasShared)('reloading the knowledge base', () => {
  it('picks up a new wiki page without a restart, and keeps the loaded set when the directory is gone', () => {
    const wiki = mkdtempSync(join(tmpdir(), 'hxb-wiki-'));
    mkdirSync(wiki, { recursive: true });
    const withWiki = createBrain({ name: 'xenbot', wikiDir: wiki });
    const count = (text: string) => Number(/(\d+) entries/.exec(text)?.[1]);
    const before = count(withWiki.reloadKnowledge!());
    copyFileSync(join(import.meta.dirname, '../../../../shared/reference/wiki/faq_native-install_doesnt_finish_2026-03-24_71efc28b00.mdwn'), join(wiki, 'native-install.mdwn'));
    expect(count(withWiki.reloadKnowledge!())).toBe(before + 1);
    rmSync(wiki, { recursive: true, force: true });
    const failed = withWiki.reloadKnowledge!();
    expect(failed).toMatch(/Reload failed, the loaded knowledge stays/);
    expect(renderText(withWiki.handle({ text: 'how much memory can the hurd domU have?', author: 'a', channel: 'c', transport: 'console', addressed: true })!)).toMatch(/580/);
  });
});
