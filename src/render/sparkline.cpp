// placeholder: see the issue that adds this file
