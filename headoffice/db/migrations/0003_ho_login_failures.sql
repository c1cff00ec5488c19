-- Issue 9: head-office staff lock out after repeated wrong PINs, as hall staff do (DESIGN §5).
CREATE TABLE ho_login_failures (
  staff_no     text PRIMARY KEY,
  failures     int NOT NULL,
  locked_until bigint
);
