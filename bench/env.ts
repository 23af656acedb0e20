// Before n8n-core is loaded: its settings folder goes to a temporary directory, its logger is quiet.
import '../test/harness/env';
