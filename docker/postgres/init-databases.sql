-- One database per service that owns data (the gateway has none). The postgres image runs this file once, when it
-- initialises an empty data volume; ./dialright up creates the same databases in its local PostgreSQL.
CREATE DATABASE contact;
CREATE DATABASE consent;
CREATE DATABASE dialer;
CREATE DATABASE audit;
