const fs = require('fs');

fs.mkdirSync('logs', { recursive: true });

exports.logLine = (line) => fs.appendFileSync('logs/app.log', line + '\n');
