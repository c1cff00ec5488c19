import type { AwayOverdue, CounterState, Ticket } from '../queue/model.ts';
import type { CustomerView } from '../customer/screen.ts';

/**
 * WebSocket messages on /api/v1/events (server → client). `type` is the journal event type it follows;
 * each carries what a screen needs to redraw without another request.
 */
export type LiveEvent =
  | { type: 'hello'; at: number; hallId: string }
  | {
      type:
        | 'ticket.issued'
        | 'ticket.called'
        | 'ticket.recalled'
        | 'ticket.started'
        | 'ticket.finished'
        | 'ticket.no_show'
        | 'ticket.reactivated'
        | 'ticket.parked'
        | 'ticket.returned'
        | 'ticket.cancelled'
        | 'ticket.transferred';
      at: number;
      ticket: Ticket;
    }
  | {
      type: 'counter.away' | 'counter.back' | 'counter.signed_in' | 'counter.signed_out';
      at: number;
      counter: CounterState;
    }
  | {
      type: 'hall.opened' | 'hall.closed' | 'service.opened' | 'service.closed' | 'setting.changed';
      at: number;
    }
  | {
      /**
       * What a counter's customer screen or pad shows now (R-SCR-1), sent only to that counter's
       * screens: on connecting, on every change the clerk publishes, and after each commit about
       * the counter (its clerk, its rating request, a rating).
       */
      type: 'customer.view';
      at: number;
      view: CustomerView;
    }
  | {
      type: 'alert.raised';
      at: number;
      alert: {
        id: string;
        kind: string;
        counterNo: number | null;
        message: string;
        away: AwayOverdue | null;
      };
    };

export type LiveEventType = LiveEvent['type'];
