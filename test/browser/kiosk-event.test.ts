import { expect } from '@open-wc/testing';
import { kioskEvent, kioskSignal } from '../../src/components/kiosk-event.ts';

class TestPickedEvent extends kioskEvent<{ code: string; quantity: number }>()('kiosk-test-picked') {}
class TestCodeEvent extends kioskEvent<string>()('kiosk-test-code') {}
class TestClosedEvent extends kioskSignal('kiosk-test-closed') {}

declare global {
  interface HTMLElementEventMap {
    'kiosk-test-picked': TestPickedEvent;
  }
}

/** A host whose shadow root holds the element that sends: what a screen around its parts looks like. */
function shadowPair(): { host: HTMLElement; inner: HTMLElement } {
  const host = document.createElement('div');
  const inner = document.createElement('span');
  host.attachShadow({ mode: 'open' }).append(inner);
  document.body.append(host);
  return { host, inner };
}

describe('kioskEvent / kioskSignal', () => {
  it('reaches a listener outside the shadow root of the element that sent it, carrying its detail', () => {
    const { host, inner } = shadowPair();
    const heard: { code: string; quantity: number }[] = [];
    // The listener's type comes from HTMLElementEventMap: e.detail is typed without a cast.
    host.addEventListener('kiosk-test-picked', (e) => heard.push(e.detail));
    document.body.addEventListener('kiosk-test-picked', (e) => heard.push({ ...e.detail, quantity: -e.detail.quantity }));
    inner.dispatchEvent(new TestPickedEvent({ code: '6901028075831', quantity: 2 }));
    host.remove();
    expect(heard).to.deep.equal([
      { code: '6901028075831', quantity: 2 },
      { code: '6901028075831', quantity: -2 },
    ]);
  });

  it('bubbles, is composed, has its name, and is an instance of its own class only', () => {
    const e = new TestCodeEvent('A');
    expect(e.type).to.equal('kiosk-test-code');
    expect(TestCodeEvent.eventName).to.equal('kiosk-test-code');
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    expect(e.detail).to.equal('A');
    expect(e).to.be.instanceOf(TestCodeEvent);
    expect(e).to.be.instanceOf(Event);
    expect(e).not.to.be.instanceOf(TestPickedEvent);
    const detail: string = e.detail;
    expect(detail).to.equal('A');
    // @ts-expect-error the detail is typed: a number is not a code
    new TestCodeEvent(1);
    // @ts-expect-error a record detail needs every field
    new TestPickedEvent({ code: 'A' });
  });

  it('sends a signal with no payload the same way', () => {
    const { host, inner } = shadowPair();
    let heard: Event | undefined;
    host.addEventListener('kiosk-test-closed', (e) => (heard = e));
    inner.dispatchEvent(new TestClosedEvent());
    host.remove();
    expect(heard).to.be.instanceOf(TestClosedEvent);
    expect(TestClosedEvent.eventName).to.equal('kiosk-test-closed');
    expect(heard!.bubbles && heard!.composed).to.equal(true);
  });
});
