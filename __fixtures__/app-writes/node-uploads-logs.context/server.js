const fs = require('fs');
const express = require('express');
const multer = require('multer');
const { logLine } = require('./lib/log');

const upload = multer({ dest: 'uploads/' });
const app = express();
app.post('/files', upload.single('file'), (req, res) => {
  logLine(`stored ${req.file.filename}`);
  res.send('ok');
});
app.listen(3000);
