-- Stored replies are found by sender and key only; the index on created_at served the sweep alone,
-- which now reads the table once a minute (db/commandReplies.ts) instead of costing every command's
-- commit a page of that index.
DROP INDEX local_command_replies_created;
