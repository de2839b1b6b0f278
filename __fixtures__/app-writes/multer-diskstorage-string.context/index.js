const multer = require('multer');
const storage = multer.diskStorage({
  destination: 'files/incoming',
  filename: (req, file, cb) => cb(null, file.originalname),
});
const upload = multer({ storage });
