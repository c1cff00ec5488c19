-- Placeholder so that 0015 is in sequence on this branch: migration 0014 is the cases work's
-- (issue 12, branch wt-cases). On merge take that branch's file in place of this one.
SELECT 1;
