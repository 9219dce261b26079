# SPDX-License-Identifier: GPL-2.0-only
# Bash completion for warden(8). Install as
# /usr/share/bash-completion/completions/warden, or source it.

# Names of the existing cells, from the driver's sysfs.
_warden_cells()
{
	local f
	for f in /sys/devices/warden/cells/*/name; do
		[[ -r $f ]] && printf '%s\n' "$(<"$f")"
	done
}

# Offer the words in $1 for the current word.
_warden_words()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# .cell files (and directories to walk into).
_warden_cell_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.cell' -- "$cur"))
}

# Index in words[] of the first word that is not an option, after $1.
_warden_operands()
{
	local i n=0
	for ((i = $1; i < cword; i++)); do
		[[ ${words[i]} == -* ]] || ((n++))
	done
	echo "$n"
}

_warden_cell()
{
	local sub=${words[2]} prev=${words[cword - 1]} n
	if ((cword == 2)); then
		_warden_words "create load start shutdown destroy list stats"
		return
	fi
	case $prev in
	--name) _warden_words "$(_warden_cells)"; return ;;
	--id|-i|--interval) return ;;
	-s|--string) return ;;
	esac
	if [[ $cur == -* ]]; then
		case $sub in
		load) _warden_words "--string --name --id --help" ;;
		stats) _warden_words "--once --interval --name --id --help" ;;
		start|shutdown|destroy) _warden_words "--name --id --help" ;;
		*) _warden_words "--help" ;;
		esac
		return
	fi
	n=$(_warden_operands 3)
	case $sub in
	create) ((n == 0)) && _warden_cell_files ;;
	load)
		if ((n == 0)); then
			_warden_words "$(_warden_cells)"
		else
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi ;;
	start|shutdown|destroy|stats)
		((n == 0)) && _warden_words "$(_warden_cells)" ;;
	esac
}

# `warden config create ARCHIVE -o OUT.c [...]`
_warden_config_create()
{
	local prev=${words[cword - 1]}
	case $prev in
	-o|--output|-O|--cell-output)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	--name|--cell|--cpus|--mem|--hv-size) return ;;
	esac
	if [[ $cur == -* ]]; then
		_warden_words "--output --name --hv-size --cell --cpus --mem --cell-output --help"
	else
		local IFS=$'\n'
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.tar*' -- "$cur"))
	fi
}

_warden()
{
	local cur words cword
	cur=${COMP_WORDS[COMP_CWORD]}
	words=("${COMP_WORDS[@]}")
	cword=$COMP_CWORD
	COMPREPLY=()

	if ((cword == 1)); then
		_warden_words "enable disable console cell config hardware --help --version"
		return
	fi
	case ${words[1]} in
	enable)
		((cword == 2)) && _warden_cell_files ;;
	console)
		_warden_words "--follow --help" ;;
	disable)
		_warden_words "--help" ;;
	cell)
		_warden_cell ;;
	config)
		if ((cword == 2)); then
			_warden_words "check collect create"
		elif [[ ${words[2]} == check ]]; then
			_warden_cell_files
		elif [[ ${words[2]} == collect ]]; then
			if [[ $cur == -* ]]; then
				_warden_words "--help"
			elif (($(_warden_operands 3) == 0)); then
				compopt -o filenames 2>/dev/null
				mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			fi
		elif [[ ${words[2]} == create ]]; then
			_warden_config_create
		fi ;;
	hardware)
		if ((cword == 2)); then
			_warden_words "check"
		elif ((cword == 3)); then
			_warden_cell_files
		fi ;;
	esac
}

complete -F _warden warden
