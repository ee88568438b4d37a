"""Reply automation: rules on incoming messages (matching), what a rule would do (decide), the
loop and flood guards, the actions (automatic reply, tag, follow-up) and the worker that runs
them after each incoming message is stored, off the webhook's request thread."""
