# fish completion for rolecall: commands, each command's options (from
# 'rolecall help COMMAND'), bank ids, exam attempt ids and defined exams.

function __rolecall_commands
	rolecall help 2>/dev/null | sed -n '/^Commands:/,/^Options:/s/^  \([a-z][a-z]*\).*/\1/p'
end

function __rolecall_command
	set -l commands (__rolecall_commands)
	for w in (commandline -opc)[2..-1]
		if contains -- $w $commands
			echo $w
			return
		end
	end
end

function __rolecall_options
	rolecall help (__rolecall_command) 2>/dev/null |
		sed -n '/^Options:/,$s/^ *\(-., \)\{0,1\}--\([a-z-]*\).*/\2/p'
end

function __rolecall_banks
	rolecall check 2>/dev/null | sed -n "s/.*: ok: bank '\([^']*\)'.*/\1/p"
end

function __rolecall_exams
	rolecall report --all --format csv 2>/dev/null | sed -n '2,$s/,.*//p'
end

function __rolecall_defined_exams
	rolecall exam list 2>/dev/null | sed -n 's/^  \([a-z0-9][a-z0-9_-]*\) .*/\1/p'
end

complete -c rolecall -f
complete -c rolecall -n 'test -z (__rolecall_command)' -a '(__rolecall_commands)'
complete -c rolecall -n '__fish_seen_subcommand_from help' -a '(__rolecall_commands)'
complete -c rolecall -n '__fish_seen_subcommand_from trivia' -a 'host join'
complete -c rolecall -n '__fish_seen_subcommand_from db' -a 'init copy grant'
complete -c rolecall -n '__fish_seen_subcommand_from bank' -a 'export import' -F
complete -c rolecall -n '__fish_seen_subcommand_from exam' -a 'define list (__rolecall_defined_exams)'
complete -c rolecall -n 'string match -q -- "-*" (commandline -ct)' -a '--(__rolecall_options)'
complete -c rolecall -s b -l bank -r -a '(__rolecall_banks)' -F
complete -c rolecall -l certificate -x -a '(__rolecall_exams)'
complete -c rolecall -l exam -x -a '(__rolecall_defined_exams)'
complete -c rolecall -l mode -x -a 'practice drill exam trivia'
complete -c rolecall -n 'not __fish_seen_subcommand_from bank' -s f -l format -x -a 'text json csv html moodle-grades'
complete -c rolecall -n '__fish_seen_subcommand_from bank' -s f -l format -x -a 'moodle-xml gift aiken csv'
complete -c rolecall -s o -l output -r -F
complete -c rolecall -l roles -r -F
complete -c rolecall -l db -r -F
complete -c rolecall -l verify -r -F
