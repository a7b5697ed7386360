import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host once a minute while it is connected: for what moves with the clock
 * (relative times such as "5 分钟前", a hotline opening or closing).
 */
export class MinuteTick implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => this.host.requestUpdate(), 60_000);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}
