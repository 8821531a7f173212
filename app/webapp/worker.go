package webapp

import _ "embed"

// WorkerTemplate is the service worker go-app serves as app-worker.js. go-app
// fills in {{.Version}} and {{.ResourcesToCache}} (the precache list: the
// page, app.js, app.css, wasm_exec.js, the manifest, app.wasm, the icons,
// Styles, Scripts and CacheableResources, all resolved under the base path).
//
//go:embed app-worker.js
var WorkerTemplate string
