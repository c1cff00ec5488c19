import { domain, onEveryNode } from '../domain.ts';
import { retainOnSchedule } from './retention.ts';
import { hallRegistersRoutes, nodeRegistersRoutes } from './routes.ts';
import {
  acknowledgeAlert,
  archiveRecords,
  lendTool,
  recordMeeting,
  registerVisitor,
  returnTool,
} from './service.ts';

/**
 * The hall's registers (issue 13): visitors on the node serving the screen (R-VIS-1); the tool
 * register (R-TOOL-1), meetings and training (R-ASSESS-4) on the hub, which a station forwards to;
 * retention (R-REC-1) on every node for its own tables, by a manager's press or by itself each day.
 */
export const registers = domain({
  procedures: { registerVisitor, lendTool, returnTool, recordMeeting, archiveRecords, acknowledgeAlert },
  ...onEveryNode(nodeRegistersRoutes, hallRegistersRoutes),
  jobs: [
    {
      // Daily, and at start: a counter PC switched off every night would otherwise never archive.
      name: 'retention',
      everyMs: 24 * 60 * 60_000,
      atStart: true,
      on: ['hub', 'station'],
      run: retainOnSchedule,
    },
  ],
});
