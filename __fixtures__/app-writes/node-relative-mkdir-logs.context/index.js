const express = require('express');
const fs = require('fs');
const path = require('path');

const logDir = path.join(__dirname, 'logs');
if (!fs.existsSync(logDir)) {
  fs.mkdirSync(logDir);
}

const app = express();
app.use((err, req, res, next) => {
  fs.appendFileSync(path.join(logDir, `error-${Date.now()}.log`), String(err));
  res.status(500).end();
});
app.listen(3000);
