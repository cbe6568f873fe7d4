# bash completion for rolecall: commands, each command's options, bank ids,
# exam attempt ids and the ids of defined exams.  The commands and options come from rolecall's own
# help ('rolecall help COMMAND'), so this file never lists them twice.

# _rolecall_help [COMMAND]: the help text of the rolecall being completed.
_rolecall_help()
{
	"${COMP_WORDS[0]}" help "$@" 2>/dev/null
}

# The options of COMMAND (or every option) that take a value.
_rolecall_valued()
{
	_rolecall_help "$@" | sed -n '/^Options:/,$s/^ *\(-., \)\{0,1\}\(--[a-z-]*\) [A-Z].*/\2/p'
}

_rolecall()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands cmd='' i w valued
	commands=$(_rolecall_help | sed -n '/^Commands:/,/^Options:/s/^  \([a-z]\{1,\}\).*/\1/p')
	valued=" $(_rolecall_valued | tr '\n' ' ') -b -u -n -s -f -o "
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -* ]]; then
			[[ $w != *=* && $valued == *" $w "* ]] && ((i++))
		elif [[ -z $cmd ]]; then
			cmd=$w
		fi
	done
	case $prev in
	-b|--bank)
		COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" check 2>/dev/null |
			sed -n "s/.*: ok: bank '\([^']*\)'.*/\1/p")" -- "$cur"))
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	--certificate)
		COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" report --all --format csv \
			2>/dev/null | sed -n '2,$s/,.*//p')" -- "$cur"))
		return ;;
	--exam)
		COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" exam list 2>/dev/null |
			sed -n 's/^  \([a-z0-9][a-z0-9_-]*\) .*/\1/p')" -- "$cur"))
		return ;;
	--mode)
		COMPREPLY=($(compgen -W "practice drill exam trivia" -- "$cur"))
		return ;;
	-f|--format)
		if [[ $cmd == bank ]]; then
			COMPREPLY=($(compgen -W "moodle-xml gift aiken csv" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "text json csv html moodle-grades" -- "$cur"))
		fi
		return ;;
	--db|--verify|-o|--output|--roles)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	[[ $valued == *" $prev "* ]] && return
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_rolecall_help $cmd |
			sed -n '/^Options:/,$s/^ *\(-., \)\{0,1\}\(--[a-z-]*\).*/\2/p')" -- "$cur"))
	elif [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
	elif [[ $cmd == help ]]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
	elif [[ $cmd == trivia ]]; then
		COMPREPLY=($(compgen -W "host join" -- "$cur"))
	elif [[ $cmd == bank ]]; then
		COMPREPLY=($(compgen -W "export import" -- "$cur"))
	elif [[ $cmd == db ]]; then
		COMPREPLY=($(compgen -W "init copy grant" -- "$cur"))
	elif [[ $cmd == exam ]]; then
		COMPREPLY=($(compgen -W "define list $("${COMP_WORDS[0]}" exam list 2>/dev/null |
			sed -n 's/^  \([a-z0-9][a-z0-9_-]*\) .*/\1/p')" -- "$cur"))
	elif [[ $cmd == check ]]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
	fi
}
complete -F _rolecall rolecall
