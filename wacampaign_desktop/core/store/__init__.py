"""Storage: Peewee models on a local SQLite file (WAL), migrations, and the transactional updates
that keep campaign counters equal to what their messages say."""
