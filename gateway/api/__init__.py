"""The gateway's routes: SOAP channels, REST views, the message log, operations."""
