const fs = require('fs');
const os = require('os');
const path = require('path');

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));
fs.writeFileSync(path.join(workDir, 'page.html'), '<html></html>');
fs.writeFileSync(path.join(os.tmpdir(), 'last.json'), '{}');

function save(name, body) {
  fs.writeFileSync(name, body);
}

module.exports = { save };
