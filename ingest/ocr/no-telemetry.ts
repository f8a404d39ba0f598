// onnxruntime-node's Linux and macOS builds (1.30 on) report usage to Microsoft
// (mobile.events.data.microsoft.com) and keep a session file and a log in the temporary folder,
// unless ORT_DISABLE_TELEMETRY is set before the runtime starts. A tool that reads budget documents
// sends nothing anywhere: it is set here, before any session is created, unless the environment
// says otherwise. The runtime reads the process's environment, which a worker thread's process.env
// does not reach: the server's main thread imports this too (server/app.ts), before any worker.
process.env.ORT_DISABLE_TELEMETRY ??= '1';
