"""The ``leveltwo`` command-line interface: a thin shell over the library.

:mod:`leveltwo.cli.app` builds the typer app and holds the list of command
modules; :mod:`leveltwo.cli.options` the options shared by commands;
:mod:`leveltwo.cli.render` the output helpers; :mod:`leveltwo.cli.errors` the
one place where errors become messages and exit codes.
"""
