#!/bin/sh
# /etc/profile.d/thunder.sh, written by thunder-ec2: the notebook environment of login shells
# (Amazon Linux's /etc/profile reads it; /root/.bash_profile sources it for the seed's
# `source /root/.bash_profile`). World-readable and holds no secret: it only reads which notebook
# mode the user's own ~/.thunder-ec2 has.
if [ -r "$HOME/.thunder-ec2/notebook/mode" ]; then
  THUNDER_NOTEBOOK_MODE=$(cat "$HOME/.thunder-ec2/notebook/mode")
  export THUNDER_NOTEBOOK_MODE
else
  unset THUNDER_NOTEBOOK_MODE
fi
case ":$PATH:" in
  *":$HOME/bin:"*) ;;
  *) PATH="$HOME/bin:$PATH"; export PATH ;;
esac
