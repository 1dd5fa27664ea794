"""Reading and writing the field's file formats: case files, bundled cases."""
